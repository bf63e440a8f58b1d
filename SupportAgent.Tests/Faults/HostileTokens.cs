using System.Text;
using Microsoft.IdentityModel.Tokens;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Faults;

/// <summary>Api tokens that must not get anyone in: forged, expired, for another audience, tampered, unsigned.</summary>
public static class HostileTokens
{
    private const string Issuer = TestTokens.Issuer;
    private const string Audience = "supportagent-api";

    public static string Mint(
        string? subject, string? role, string key = AppHostRunner.SigningKey, string audience = Audience, string issuer = Issuer,
        TimeSpan? validFrom = null, TimeSpan? lifetime = null, string algorithm = SecurityAlgorithms.HmacSha256)
    {
        var start = DateTime.UtcNow + (validFrom ?? TimeSpan.Zero);
        return TestTokens.Mint(subject, role, audience, start, start + (lifetime ?? TimeSpan.FromHours(1)), key, issuer, algorithm: algorithm);
    }

    /// <summary>Every token here is refused (401), or authenticates someone who may not use the endpoint (403).</summary>
    public static IEnumerable<(string Name, string? Header, int[] Statuses)> All(string attacker, string victim, string validAttackerToken)
    {
        const string wrongKey = "not-the-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz";
        var parts = validAttackerToken.Split('.');
        string B64(string json) => Base64UrlEncoder.Encode(json);
        yield return ("no Authorization header", null, [401]);
        yield return ("empty bearer", "Bearer ", [401]);
        yield return ("garbage bearer", "Bearer not.a.jwt", [401]);
        yield return ("basic scheme", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{victim}:password")), [401]);
        yield return ("signed with another key", "Bearer " + Mint(victim, "customer", wrongKey), [401]);
        yield return ("agent role signed with another key", "Bearer " + Mint("agent_ana", "agent", wrongKey), [401]);
        yield return ("expired an hour ago", "Bearer " + Mint(victim, "customer", validFrom: TimeSpan.FromHours(-3), lifetime: TimeSpan.FromHours(2)), [401]);
        yield return ("not valid for another hour", "Bearer " + Mint(victim, "customer", validFrom: TimeSpan.FromHours(1)), [401]);
        yield return ("ToolsService audience", "Bearer " + Mint(victim, "customer", audience: "supportagent-tools"), [401]);
        // What a compromised ToolsService could sign: its tools key never makes a customer or agent token.
        yield return ("agent role signed with the tools key", "Bearer " + Mint("agent_ana", "agent", AppHostRunner.ToolsSigningKey), [401]);
        // The algorithm is pinned to HS256: the right key under another algorithm is still a forgery.
        yield return ("HS384 with the signing key", "Bearer " + Mint(victim, "customer", algorithm: SecurityAlgorithms.HmacSha384), [401]);
        yield return ("other issuer", "Bearer " + Mint(victim, "customer", issuer: "evil"), [401]);
        yield return ("alg none", $"Bearer {B64("""{"alg":"none","typ":"JWT"}""")}.{B64($$"""{"sub":"{{victim}}","role":"agent","iss":"{{Issuer}}","aud":"{{Audience}}","exp":4102444800}""")}.", [401]);
        yield return ("payload swapped to the victim, attacker's signature",
            $"Bearer {parts[0]}.{B64($$"""{"sub":"{{victim}}","role":"customer","iss":"{{Issuer}}","aud":"{{Audience}}","exp":4102444800}""")}.{parts[2]}", [401]);
        yield return ("payload promoted to agent, attacker's signature",
            $"Bearer {parts[0]}.{B64($$"""{"sub":"{{attacker}}","role":"agent","iss":"{{Issuer}}","aud":"{{Audience}}","exp":4102444800}""")}.{parts[2]}", [401]);
        yield return ("signature stripped", $"Bearer {parts[0]}.{parts[1]}.", [401]);
        yield return ("token twice", $"Bearer {validAttackerToken} {validAttackerToken}", [401]);
        yield return ("role admin (validly signed)", "Bearer " + Mint(attacker, "admin"), [403]);
        yield return ("no role (validly signed)", "Bearer " + Mint(attacker, null), [403]);
        yield return ("no subject (validly signed)", "Bearer " + Mint(null, "customer"), [401, 403]);
    }
}
