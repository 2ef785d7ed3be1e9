using Actors;
using Grains.Interfaces;
using Microsoft.Extensions.Options;

namespace Grains;

/// <summary>Email uniqueness (key: the email lower-cased with the invariant culture).</summary>
public sealed class EmailGrain(
    [PersistentState("reservation")] IPersistentState<NameReservationState> state,
    IOptions<NameReservationOptions> options,
    TimeProvider time)
    : NameReservationGrain(state, options, time), IEmailGrain
{
    protected override string NameOf(UserView holder) => holder.Email ?? "";

    protected override string Normalize(string name) => UserValidation.NormalizeEmail(name);
}
