namespace RecomAmp.Core.Common;

/// <summary>400: the request was malformed or a field was invalid.</summary>
public sealed class RequestValidationException(
    IReadOnlyDictionary<string, string[]> errors, string detail = "Validation failed")
    : ApiException(400, detail, errors)
{
    public RequestValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }
}
