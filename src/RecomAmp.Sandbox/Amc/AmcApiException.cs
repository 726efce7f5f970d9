namespace RecomAmp.Sandbox.Amc;

/// <summary>An error answer of the Sandbox's AMC API: <c>{"code": ..., "details": ...}</c> with a status.</summary>
internal sealed class AmcApiException(int statusCode, string code, string details) : Exception(details)
{
    public int StatusCode { get; } = statusCode;

    public string Code { get; } = code;

    public static AmcApiException BadRequest(string details) => new(400, "BAD_REQUEST", details);

    public static AmcApiException NotFound(string details) => new(404, "NOT_FOUND", details);
}
