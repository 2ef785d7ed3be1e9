using System.Reflection;

namespace Actors.Runtime;

/// <summary>One method of a grain interface: how to invoke it on a grain and how to hand its result to a proxy caller.</summary>
internal sealed class GrainMethod
{
    private static readonly MethodInfo AwaitTypedMethod =
        typeof(GrainMethod).GetMethod(nameof(AwaitTypedAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly MethodInfo CastTypedMethod =
        typeof(GrainMethod).GetMethod(nameof(CastTypedAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Func<Task, Task<object?>> _awaitResult;
    private readonly Func<Task<object?>, object> _toProxyResult;

    public GrainMethod(MethodInfo method)
    {
        Method = method;
        Name = method.Name;
        ParameterTypes = [.. method.GetParameters().Select(p => p.ParameterType)];
        IsReadOnly = method.GetCustomAttribute<ReadOnlyAttribute>() is not null;

        if (method.ReturnType == typeof(Task))
        {
            ResultType = null;
            _awaitResult = AwaitUntypedAsync;
            _toProxyResult = static task => task;
        }
        else if (method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            ResultType = method.ReturnType.GetGenericArguments()[0];
            _awaitResult = AwaitTypedMethod.MakeGenericMethod(ResultType).CreateDelegate<Func<Task, Task<object?>>>();
            _toProxyResult = CastTypedMethod.MakeGenericMethod(ResultType).CreateDelegate<Func<Task<object?>, object>>();
        }
        else
        {
            throw new InvalidOperationException(
                $"Grain method {method.DeclaringType?.Name}.{method.Name} must return Task or Task<T>.");
        }
    }

    public MethodInfo Method { get; }

    public string Name { get; }

    public IReadOnlyList<Type> ParameterTypes { get; }

    /// <summary>The T of Task&lt;T&gt;, or null for Task.</summary>
    public Type? ResultType { get; }

    public bool IsReadOnly { get; }

    /// <summary>Invokes the method on a grain and returns its result boxed (null for Task).</summary>
    public Task<object?> InvokeAsync(object grain, object?[] arguments)
    {
        var task = (Task)Method.Invoke(grain, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null)!;
        return _awaitResult(task);
    }

    /// <summary>Turns a boxed result task into the Task or Task&lt;T&gt; the interface method returns.</summary>
    public object ToProxyResult(Task<object?> result) => _toProxyResult(result);

    private static async Task<object?> AwaitUntypedAsync(Task task)
    {
        await task.ConfigureAwait(false);
        return null;
    }

    private static async Task<object?> AwaitTypedAsync<T>(Task task) => await ((Task<T>)task).ConfigureAwait(false);

    private static async Task<T> CastTypedAsync<T>(Task<object?> task) => (T)(await task.ConfigureAwait(false))!;
}
