using System.Text.Json;
using Grains.Interfaces;
using Grains.Journal;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Orleans.Serialization.Codecs;
using Orleans.Storage;

namespace Grains.Tests.Serialization;

/// <summary>
/// What Orleans 10.4.2's serializer and deep copier make of every value and error that crosses a grain call,
/// checked rather than assumed: each comes back as the same type holding the same values (compared as JSON
/// of all their properties, lists element by element, timestamps with their offsets).
/// </summary>
public sealed class OrleansSerializationTests : IDisposable
{
    private static readonly JsonSerializerOptions Structural = new() { WriteIndented = true };

    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public static TheoryData<string> Values => [.. CrossingValues.All.Keys];

    public static TheoryData<string> Errors => [.. DomainErrors.All.Keys];

    private Serializer Serializer => _services.GetRequiredService<Serializer>();

    private DeepCopier Copier => _services.GetRequiredService<DeepCopier>();

    [Theory]
    [MemberData(nameof(Values))]
    public void AValueThatCrossesAGrainCallRoundTripsThroughTheSerializer(string name)
    {
        var value = CrossingValues.All[name];

        var copy = Serializer.Deserialize<object?>(Serializer.SerializeToArray<object?>(value));

        Assert.Equal(value?.GetType(), copy?.GetType());
        Assert.Equal(AsJson(value), AsJson(copy));
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void AValueThatCrossesAGrainCallIsDeepCopiedWithItsValues(string name)
    {
        var value = CrossingValues.All[name];

        var copy = Copier.Copy(value);

        Assert.Equal(value?.GetType(), copy?.GetType());
        Assert.Equal(AsJson(value), AsJson(copy));
    }

    [Fact]
    public void EveryTypeOfTheGrainInterfacesIsRoundTripped()
    {
        var serializable = typeof(IUserGrain).Assembly.GetExportedTypes()
            .Where(type => type.IsDefined(typeof(GenerateSerializerAttribute), inherit: false) && !typeof(Exception).IsAssignableFrom(type));

        var covered = CrossingValues.All.Values.OfType<object>().Select(value => value.GetType()).ToHashSet();

        Assert.Empty(serializable.Where(type => !covered.Contains(type)).Select(type => type.Name).Order());
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public void ADomainErrorKeepsItsTypeMessageAndFieldErrors(string name)
    {
        var error = Thrown(DomainErrors.All[name]);

        var copy = Serializer.Deserialize<Exception>(Serializer.SerializeToArray<Exception>(error));

        var domain = Assert.IsAssignableFrom<DomainException>(copy);
        Assert.Equal(error.GetType(), domain.GetType());
        Assert.Equal(error.Message, domain.Message);
        Assert.Equal(error.Errors, domain.Errors);
        Assert.Contains(nameof(Thrown), domain.StackTrace, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public void ADomainErrorIsDeepCopiedWithItsFieldErrors(string name)
    {
        var error = DomainErrors.All[name];

        var copy = Copier.Copy<Exception>(error);

        Assert.Equal(error.GetType(), copy.GetType());
        Assert.Equal(error.Message, copy.Message);
        Assert.Equal(error.Errors, ((DomainException)copy).Errors);
    }

    [Fact]
    public void EveryDomainErrorTypeIsRoundTripped()
    {
        var errorTypes = typeof(DomainException).Assembly.GetExportedTypes()
            .Where(type => typeof(DomainException).IsAssignableFrom(type) && !type.IsAbstract);

        Assert.Equal(errorTypes.Select(type => type.Name).Order(), DomainErrors.All.Values.Select(error => error.GetType().Name).Distinct().Order());
    }

    [Fact]
    public void AJournalConflictReachesTheCallerAsInconsistentState()
    {
        var row = new JournalRow(7, Guid.NewGuid(), DateTimeOffset.UtcNow, "author", "client-1", false, []);
        var conflict = Thrown(JournalConflict.Create("messages/x", row, new InvalidOperationException("duplicate key value violates unique constraint \"pk_journal\"")));

        var copy = Serializer.Deserialize<Exception>(Serializer.SerializeToArray<Exception>(conflict));

        Assert.IsType<InconsistentStateException>(copy);
        Assert.Equal(conflict.Message, copy.Message);
        Assert.Contains("pk_journal", copy.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AListBuiltByACollectionExpressionComesBackAsAList()
    {
        var request = new CreateConversation([Guid.NewGuid(), Guid.NewGuid()], "Trip");

        var copy = Assert.IsType<CreateConversation>(Serializer.Deserialize<CreateConversation>(Serializer.SerializeToArray(request)));

        // The compiler's own IReadOnlyList<T> type (<>z__ReadOnlyArray<T>) has no codec, yet crosses as a List<T>.
        Assert.NotEqual(typeof(List<Guid>), request.Participants.GetType());
        Assert.IsType<List<Guid>>(copy.Participants);
        Assert.Equal(request.Participants, copy.Participants);
    }

    [Fact]
    public void AnExceptionOfAnotherNamespaceThanSystemMicrosoftOrAzureCannotCrossAGrainCall()
    {
        var postgres = Thrown(new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation));

        Assert.Throws<CodecNotFoundException>(() => Serializer.SerializeToArray<Exception>(postgres));
        Assert.Throws<CodecNotFoundException>(() => Serializer.SerializeToArray<Exception>(new InconsistentStateException("conflict", postgres)));
    }

    public void Dispose() => _services.Dispose();

    private static string AsJson(object? value) => JsonSerializer.Serialize(value, value?.GetType() ?? typeof(object), Structural);

    /// <summary>The exception as a grain throws it, with a stack trace.</summary>
    private static T Thrown<T>(T exception)
        where T : Exception
    {
        try
        {
            throw exception;
        }
        catch (T thrown)
        {
            return thrown;
        }
    }
}
