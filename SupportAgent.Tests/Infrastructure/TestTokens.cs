using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SupportAgent.Tests.Infrastructure;

/// <summary>Signs HS256 tokens the way the Api's <c>TokenIssuer</c> does, with every part a test may want wrong.</summary>
public static class TestTokens
{
    public const string Issuer = "supportagent";

    public static string Mint(
        string? subject, string? role, string audience, DateTime notBefore, DateTime expires,
        string key = AppHostRunner.SigningKey, string issuer = Issuer, IReadOnlyDictionary<string, object>? extraClaims = null,
        string algorithm = SecurityAlgorithms.HmacSha256)
    {
        var claims = new Dictionary<string, object>();
        if (subject is not null) claims["sub"] = subject;
        if (role is not null) claims["role"] = role;
        foreach (var (name, value) in extraClaims ?? new Dictionary<string, object>()) claims[name] = value;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), algorithm),
        });
    }
}
