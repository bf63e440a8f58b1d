using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Tools;

/// <summary>Mints Api -> ToolsService tokens the way the Api does (docs/CONTRACTS.md, "Tokens").</summary>
public static class ToolsTokens
{
    public const string Issuer = TestTokens.Issuer;
    public const string Audience = "supportagent-tools";

    public static string For(
        string? subject, string signingKey = AppHostRunner.ToolsSigningKey, string audience = Audience, string issuer = Issuer, TimeSpan? expiresIn = null,
        string? approvedBy = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(5));
        var notBefore = expires < now ? expires.AddMinutes(-5) : now;
        return TestTokens.Mint(subject, role: null, audience, notBefore, expires, signingKey, issuer,
            approvedBy is null ? null : new Dictionary<string, object> { ["approved_by"] = approvedBy });
    }
}
