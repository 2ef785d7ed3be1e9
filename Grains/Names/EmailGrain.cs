using Grains.Interfaces;
using Microsoft.Extensions.Options;

namespace Grains;

/// <summary>Email uniqueness (key: <see cref="NameKeys.Email"/>).</summary>
[GrainType("email")]
public sealed class EmailGrain(
    [PersistentState("reservation")] IPersistentState<NameReservationState> state,
    IOptions<NameReservationOptions> options,
    TimeProvider time)
    : NameReservationGrain(state, options, time), IEmailGrain
{
    protected override string NameOf(UserView holder) => holder.Email ?? "";

    protected override string Normalize(string name) => NameKeys.Email(name);
}
