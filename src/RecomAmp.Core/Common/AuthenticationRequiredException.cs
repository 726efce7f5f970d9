namespace RecomAmp.Core.Common;

/// <summary>401: no valid RecomAmp token, or a sign-in step that cannot be completed.</summary>
public sealed class AuthenticationRequiredException(string detail = "Not authenticated")
    : ApiException(401, detail);
