using Grains.Interfaces;
using Microsoft.Extensions.Options;

namespace Grains;

/// <summary>Username uniqueness (key: <see cref="NameKeys.Username"/>).</summary>
[GrainType("username")]
public sealed class UsernameGrain(
    [PersistentState("reservation")] IPersistentState<NameReservationState> state,
    IOptions<NameReservationOptions> options,
    TimeProvider time)
    : NameReservationGrain(state, options, time), IUsernameGrain
{
    protected override string NameOf(UserView holder) => holder.Username;

    protected override string Normalize(string name) => NameKeys.Username(name);
}
