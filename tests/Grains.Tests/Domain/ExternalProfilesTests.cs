using Grains.Interfaces;

namespace Grains.Tests.Domain;

/// <summary>The usernames a user of an external identity provider is offered, best first.</summary>
public class ExternalProfilesTests
{
    private static ExternalProfile Profile(string? preferredUsername, string? email = null) =>
        new("https://idp.example.com", "subject", preferredUsername, email, true, null, null);

    [Fact]
    public void ThePreferredUsernameComesFirstThenNumberedVariants()
    {
        var candidates = ExternalProfiles.UsernameCandidates(Profile("alice")).ToList();
        Assert.Equal(["alice", "alice2", "alice3"], candidates.Take(3));
        Assert.Equal(17, candidates.Count);
        Assert.All(candidates.Skip(9), candidate => Assert.Matches("^alice[0-9]{5,8}$", candidate));
    }

    [Theory]
    [InlineData("Alice Liddell", null, "AliceLiddell")]
    [InlineData("al", "alice@example.com", "alice@example.com")]
    [InlineData("  ", "a b", "user")]
    [InlineData(null, null, "user")]
    [InlineData("élodie.m+ops", null, "élodie.m+ops")]
    public void CharactersAUsernameMayNotHoldAreLeftOutAndTooShortNamesFallBack(string? preferred, string? email, string expected) =>
        Assert.Equal(expected, ExternalProfiles.UsernameCandidates(Profile(preferred, email)).First());

    [Fact]
    public void LongNamesAreCutSoThatEveryCandidateIsAValidUsername()
    {
        var candidates = ExternalProfiles.UsernameCandidates(Profile(new string('x', 400))).ToList();
        Assert.All(candidates, candidate => Assert.InRange(candidate.Length, 3, 150));
        Assert.Equal(150, ExternalProfiles.PersonName(new string('y', 151)).Length);
    }
}
