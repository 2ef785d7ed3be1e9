namespace Grains.Interfaces;

/// <summary>
/// The keys of <see cref="IExternalIdentityGrain"/>: issuer and subject, each percent-encoded so that the
/// separating slash cannot occur inside either, behind a prefix (which also keeps the key from parsing as a
/// hexadecimal number in Orleans' ADO.NET storage; see <see cref="NameKeys"/>).
/// </summary>
public static class ExternalIdentityKeys
{
    public static string For(string issuer, string subject) =>
        $"external/{Uri.EscapeDataString(issuer)}/{Uri.EscapeDataString(subject)}";
}
