namespace RecomAmp.Core.Auth;

/// <summary>The Login with Amazon region, which picks Amazon's authorize, token and profile hosts.</summary>
public enum LwaRegion
{
    /// <summary>North America: www.amazon.com and api.amazon.com.</summary>
    NA,

    /// <summary>Europe: eu.account.amazon.com and api.amazon.co.uk.</summary>
    EU,

    /// <summary>Far East: apac.account.amazon.com and api.amazon.co.jp.</summary>
    FE,
}
