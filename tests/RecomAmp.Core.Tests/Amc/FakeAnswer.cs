namespace RecomAmp.Core.Tests.Amc;

/// <summary>What the fake Amazon answers to one request.</summary>
internal sealed record FakeAnswer(
    int Status,
    string? Body = null,
    IReadOnlyDictionary<string, string>? Headers = null,
    string ContentType = "application/json",
    TimeSpan Delay = default)
{
    public static FakeAnswer Json(string body, int status = 200) => new(status, body);

    public static FakeAnswer Error(int status, string code, string details) =>
        new(status, $$"""{"code": "{{code}}", "details": "{{details}}"}""");
}
