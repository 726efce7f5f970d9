namespace RecomAmp.Core.Auth;

/// <summary>A completed sign-in: RecomAmp's access token and who signed in.</summary>
public sealed record SignInResponse(string AccessToken, SignedInUser User);
