using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RecomAmp.Core.Storage;

namespace RecomAmp.Core.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// Registers sign-in: options (sections <c>Lwa</c> and <c>Auth</c>), the Login with Amazon client, keys,
    /// <see cref="AuthService"/>, <see cref="AmazonRefreshTokenStore"/> and the
    /// <see cref="IAccessTokenValidator"/>. Needs a <see cref="TimeProvider"/> and an
    /// <see cref="IDocumentStore"/> registered.
    /// </summary>
    public static IServiceCollection AddRecomAmpAuth(
        this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<LwaOptions>()
            .Bind(configuration.GetSection(LwaOptions.SectionName))
            .Validate(
                o => !string.IsNullOrWhiteSpace(o.ClientId) && !string.IsNullOrWhiteSpace(o.ClientSecret),
                "Lwa:ClientId and Lwa:ClientSecret must not be empty")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Scope), "Lwa:Scope must not be empty")
            .Validate(o => o.HasValidUrls(),
                "Lwa:BaseUrl, Lwa:AuthorizeUrl, Lwa:TokenUrl and Lwa:ProfileUrl must be absolute http(s) "
                + "URLs")
            .ValidateOnStart();

        services.AddOptions<AuthOptions>()
            .Bind(configuration.GetSection(AuthOptions.SectionName))
            .PostConfigure(o =>
            {
                // Binding adds to a list, so the default goes in only when nothing was configured.
                if (o.AllowedRedirectUris.Count == 0)
                {
                    o.AllowedRedirectUris.Add(AuthOptions.DefaultRedirectUri);
                }
            })
            .Validate(o => o.AllowedRedirectUris.All(LwaOptions.IsHttpUrl),
                "Auth:AllowedRedirectUris must hold absolute http(s) URLs")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Issuer) && !string.IsNullOrWhiteSpace(o.Audience),
                "Auth:Issuer and Auth:Audience must not be empty")
            .Validate(o => o.AccessTokenLifetime >= TimeSpan.FromMinutes(1)
                    && o.AccessTokenLifetime <= TimeSpan.FromDays(30),
                "Auth:AccessTokenLifetime must be between 1 minute and 30 days")
            .Validate(o => IsEmptyOrKey(o.SigningKey) && IsEmptyOrKey(o.TokenEncryptionKey),
                "Auth:SigningKey and Auth:TokenEncryptionKey must be empty or base64 of at least 32 bytes")
            .ValidateOnStart();

        services.TryAddSingleton<DataFolder>();
        services.AddSingleton<AuthKeys>();
        services.AddSingleton<TokenCipher>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<IAccessTokenValidator, AccessTokenValidator>();
        services.AddHttpClient<LwaClient>(client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddTransient<AmazonRefreshTokenStore>();
        services.AddTransient<AuthService>();
        return services;
    }

    private static bool IsEmptyOrKey(string? value) =>
        string.IsNullOrWhiteSpace(value) || AuthKeys.TryDecode(value) is not null;
}
