using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SupportAgent.ToolsService.Auth;

namespace SupportAgent.ToolsService.Backends;

/// <summary>
/// The ToolsService's own credential for MockBackends (docs/CONTRACTS.md, "Tokens"): one short-lived HS256 token,
/// cached and replaced a minute before it runs out, so calls never carry an expired token and signing stays off the
/// hot path.
/// </summary>
public sealed class BackendsServiceToken(IOptions<ToolsAuthOptions> options, TimeProvider clock)
{
    public const string Subject = "toolsservice";
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningCredentials _credentials = new(
        new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.Value.BackendsSigningKey)), SecurityAlgorithms.HmacSha256);
    private readonly Lock _gate = new();
    private (string Token, DateTimeOffset Expires)? _current;

    public string Current()
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (_current is { } cached && cached.Expires - RenewBefore > now) return cached.Token;
            var expires = now + options.Value.BackendsTokenLifetime;
            var token = _handler.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = options.Value.Issuer,
                Audience = options.Value.BackendsAudience,
                Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, Subject)]),
                IssuedAt = now.UtcDateTime,
                NotBefore = now.UtcDateTime,
                Expires = expires.UtcDateTime,
                SigningCredentials = _credentials,
            });
            _current = (token, expires);
            return token;
        }
    }
}

/// <summary>Puts the service token on every MockBackends request, each retry included (it sits inside the resilience handler).</summary>
public sealed class BackendsServiceTokenHandler(BackendsServiceToken token) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new("Bearer", token.Current());
        return base.SendAsync(request, cancellationToken);
    }
}
