using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using System.Text;

namespace SupportAgent.MockBackends.Auth;

/// <summary>
/// Every provider endpoint requires the ToolsService's service token: payments move money, so "whoever can reach the
/// port" is not a caller. /health and /alive stay anonymous for the orchestrator's probes.
/// </summary>
public static class BackendsAuthentication
{
    public const string ServicePolicy = "backends-service";

    public static IServiceCollection AddBackendsAuthentication(this IServiceCollection services)
    {
        services.AddOptions<BackendsAuthOptions>().BindConfiguration(BackendsAuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<BackendsAuthOptions>>((jwt, auth) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Value.Issuer,
                    ValidAudience = auth.Value.Audience,
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.Value.BackendsSigningKey)),
                    // Pinned: a token signed with any other algorithm (even with our key) is not ours.
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    RequireExpirationTime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                jwt.Events = new JwtBearerEvents { OnChallenge = WriteUnauthorizedProblemAsync };
            });
        services.AddAuthorizationBuilder().AddPolicy(ServicePolicy, p => p.RequireAuthenticatedUser());
        return services;
    }

    /// <summary>The admin endpoints (seed, faults): open only in Development when <c>Auth:AnonymousAdminInDevelopment</c> says so.</summary>
    public static TBuilder RequireServiceTokenForAdmin<TBuilder>(this TBuilder builder, WebApplication app) where TBuilder : IEndpointConventionBuilder
    {
        var open = app.Environment.IsDevelopment()
            && app.Services.GetRequiredService<IOptions<BackendsAuthOptions>>().Value.AnonymousAdminInDevelopment;
        return open ? builder.AllowAnonymous() : builder.RequireAuthorization(ServicePolicy);
    }

    /// <summary>401 as problem details with a stable code, keeping the standard WWW-Authenticate header.</summary>
    private static async Task WriteUnauthorizedProblemAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var missing = context.AuthenticateFailure is null;
        await Problems.WriteBearerChallengeAsync(context.HttpContext, missing, missing
            ? "Send a service token: Authorization: Bearer <token>."
            : "The service token is not valid (signature, algorithm, issuer, audience or lifetime).");
    }
}
