using Grains.Interfaces;
using Orleans.Runtime;

namespace Grains.Tests.Clusters;

/// <summary>
/// Refuses every call to the email reservation of an address at <see cref="Domain"/> as a stopping silo
/// refuses one: the failure in Orleans' runtime that a grain's call to another grain can meet, on demand.
/// Other addresses pass.
/// </summary>
public sealed class UnreachableEmailFilter : IIncomingGrainCallFilter
{
    public const string Domain = "unreachable.example.com";

    public Task Invoke(IIncomingGrainCallContext context) =>
        context.Grain is IEmailGrain && context.TargetId.Key.ToString()!.EndsWith("@" + Domain, StringComparison.Ordinal)
            ? throw new SiloUnavailableException("Silo 'S127.0.0.1:11111:1' is shutting down.")
            : context.Invoke();
}
