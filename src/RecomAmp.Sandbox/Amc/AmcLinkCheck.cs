namespace RecomAmp.Sandbox.Amc;

internal enum AmcLinkCheck
{
    Valid,
    Expired,
    BadSignature,
}
