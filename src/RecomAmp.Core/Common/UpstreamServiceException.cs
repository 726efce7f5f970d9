namespace RecomAmp.Core.Common;

/// <summary>
/// 502: a service RecomAmp depends on (Login with Amazon, the Amazon Ads API) could not be reached, failed,
/// or sent an answer that cannot be used. The request may succeed later; RecomAmp changed nothing.
/// </summary>
public sealed class UpstreamServiceException(string detail)
    : ApiException(502, detail);
