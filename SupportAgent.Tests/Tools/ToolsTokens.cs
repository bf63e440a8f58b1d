using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Tools;

/// <summary>Mints Api -> ToolsService tokens the way the Api does (docs/CONTRACTS.md, "Tokens").</summary>
public static class ToolsTokens
{
    public const string Issuer = "supportagent";
    public const string Audience = "supportagent-tools";

    public static string For(
        string? subject, string signingKey = AppHostRunner.SigningKey, string audience = Audience, string issuer = Issuer, TimeSpan? expiresIn = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(5));
        var claims = new Dictionary<string, object>();
        if (subject is not null)
        {
            claims["sub"] = subject;
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = expires < now ? expires.AddMinutes(-5) : now,
            NotBefore = expires < now ? expires.AddMinutes(-5) : now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
