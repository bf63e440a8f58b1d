using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SupportAgent.Eval.Client;

/// <summary>
/// The eval reads the seeded world straight from MockBackends, which only answers service tokens
/// (docs/CONTRACTS.md, "Tokens"): it signs one per request with the backends key, as the ToolsService does.
/// </summary>
public sealed class BackendsTokenHandler(string backendsKey) : DelegatingHandler(new HttpClientHandler())
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningCredentials _credentials = new(
        new SymmetricSecurityKey(Encoding.UTF8.GetBytes(backendsKey)), SecurityAlgorithms.HmacSha256);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        request.Headers.Authorization = new("Bearer", _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "supportagent",
            Audience = "supportagent-backends",
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, "eval")]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = _credentials,
        }));
        return base.SendAsync(request, cancellationToken);
    }
}
