using Grains.Interfaces;

namespace Grains.Tests.Serialization;

/// <summary>Every domain error a grain throws, by name, with and without field errors.</summary>
public static class DomainErrors
{
    public static IReadOnlyDictionary<string, DomainException> All { get; } = new Dictionary<string, DomainException>
    {
        ["NotFoundException"] = new NotFoundException("No such conversation."),
        ["NotAllowedException"] = new NotAllowedException("You are not a participant of this conversation."),
        ["ConflictException"] = new ConflictException("The username is already taken."),
        ["InvalidRequestException"] = new InvalidRequestException(
            "The registration is invalid.",
            new Dictionary<string, string[]>
            {
                ["username"] = ["This field is required."],
                ["password"] = ["This password is too short.", "This password is entirely numeric."],
            }),
        ["InvalidRequestException for one field"] = InvalidRequestException.ForField("message_body", "This field may not be blank."),
        ["InvalidRequestException without fields"] = new InvalidRequestException("A query is required."),
    };
}
