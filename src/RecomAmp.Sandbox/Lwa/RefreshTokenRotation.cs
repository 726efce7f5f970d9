namespace RecomAmp.Sandbox.Lwa;

/// <summary>
/// What the Sandbox's token endpoint answers about the refresh token on a refresh grant. Amazon normally
/// returns the same token but may omit it; the other choices let clients be tested against both behaviours.
/// </summary>
public enum RefreshTokenRotation
{
    /// <summary>The response carries the refresh token that was presented.</summary>
    Same,

    /// <summary>The response carries a new refresh token and the presented one stops working.</summary>
    Rotated,

    /// <summary>The response has no <c>refresh_token</c>; the presented one keeps working.</summary>
    Omitted,
}
