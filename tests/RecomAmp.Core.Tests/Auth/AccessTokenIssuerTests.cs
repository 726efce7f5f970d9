using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using RecomAmp.Core.Auth;

namespace RecomAmp.Core.Tests.Auth;

public sealed class AccessTokenIssuerTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly AuthServices _services;

    public AccessTokenIssuerTests() => _services = new AuthServices(_time);

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task ReadAsync_OfIssuedToken_ReturnsItsUserIdAndExpiry()
    {
        var issuer = _services.Get<AccessTokenIssuer>();

        var issued = issuer.Issue("user-1");
        var user = await issuer.ReadAsync(issued.Token);

        Assert.NotNull(user);
        Assert.Equal("user-1", user.UserId);
        Assert.Equal(issued.TokenId, user.TokenId);
        Assert.Equal(_time.GetUtcNow().AddHours(8), user.ExpiresAt);
    }

    [Fact]
    public void Issue_WritesTheRegisteredClaimsWithHs256()
    {
        var issued = _services.Get<AccessTokenIssuer>().Issue("user-1");

        var parts = issued.Token.Split('.');
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!;
        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!;
        Assert.Equal("HS256", (string?)header["alg"]);
        Assert.Equal("recomamp", (string?)payload["iss"]);
        Assert.Equal("recomamp-api", (string?)payload["aud"]);
        Assert.Equal("user-1", (string?)payload["sub"]);
        Assert.Equal(issued.TokenId, (string?)payload["jti"]);
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal(now, (long)payload["iat"]!);
        Assert.Equal(now, (long)payload["nbf"]!);
        Assert.Equal(now + (8 * 3600), (long)payload["exp"]!);
    }

    [Fact]
    public void Issue_GivesEveryTokenItsOwnId()
    {
        var issuer = _services.Get<AccessTokenIssuer>();

        var ids = Enumerable.Range(0, 50).Select(_ => issuer.Issue("user-1").TokenId).ToHashSet();

        Assert.Equal(50, ids.Count);
    }

    [Fact]
    public async Task ReadAsync_AfterExpiryPlusSkew_ReturnsNull()
    {
        var issuer = _services.Get<AccessTokenIssuer>();
        var issued = issuer.Issue("user-1");

        _time.Advance(TimeSpan.FromHours(8) + TimeSpan.FromSeconds(29));
        var withinSkew = await issuer.ReadAsync(issued.Token);
        _time.Advance(TimeSpan.FromSeconds(2));
        var expired = await issuer.ReadAsync(issued.Token);

        Assert.NotNull(withinSkew);
        Assert.Null(expired);
    }

    [Fact]
    public async Task ReadAsync_OfTokenSignedWithAnotherKey_ReturnsNull()
    {
        using var other = new AuthServices(_time);
        var foreign = other.Get<AccessTokenIssuer>().Issue("user-1");

        var user = await _services.Get<AccessTokenIssuer>().ReadAsync(foreign.Token);

        Assert.Null(user);
    }

    [Theory]
    [InlineData("Auth:Issuer", "someone-else")]
    [InlineData("Auth:Audience", "another-api")]
    public async Task ReadAsync_OfTokenForAnotherIssuerOrAudience_ReturnsNull(string setting, string value)
    {
        using var other = new AuthServices(_time, new Dictionary<string, string?> { [setting] = value },
            dataPath: _services.DataPath);
        var foreign = other.Get<AccessTokenIssuer>().Issue("user-1");

        var user = await _services.Get<AccessTokenIssuer>().ReadAsync(foreign.Token);

        Assert.Null(user);
    }

    [Fact]
    public async Task ReadAsync_OfTokenWithAlteredPayload_ReturnsNull()
    {
        var issuer = _services.Get<AccessTokenIssuer>();
        var parts = issuer.Issue("user-1").Token.Split('.');
        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!;
        payload["sub"] = "user-2";
        var alteredPayload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var altered = $"{parts[0]}.{alteredPayload}.{parts[2]}";

        var user = await issuer.ReadAsync(altered);

        Assert.Null(user);
    }

    [Fact]
    public async Task ReadAsync_OfUnsignedToken_ReturnsNull()
    {
        var issuer = _services.Get<AccessTokenIssuer>();
        var parts = issuer.Issue("user-1").Token.Split('.');
        var header = Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8);

        var user = await issuer.ReadAsync($"{header}.{parts[1]}.");

        Assert.Null(user);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    public async Task ReadAsync_OfGarbage_ReturnsNull(string token)
    {
        var user = await _services.Get<AccessTokenIssuer>().ReadAsync(token);

        Assert.Null(user);
    }
}
