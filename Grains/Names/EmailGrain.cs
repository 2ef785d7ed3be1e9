using Actors;
using Grains.Interfaces;

namespace Grains;

/// <summary>Email uniqueness (key: the email lower-cased with the invariant culture).</summary>
public sealed class EmailGrain(
    [PersistentState("reservation")] IPersistentState<NameReservationState> state,
    TimeProvider time)
    : NameReservationGrain(state, time), IEmailGrain
{
    protected override string NameOf(UserView holder) => holder.Email ?? "";

    protected override string Normalize(string name) => UserValidation.NormalizeEmail(name);
}
