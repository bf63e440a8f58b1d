using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace SupportAgent.Api.Auth;

public static class AuthSetup
{
    public static IHostApplicationBuilder AddSupportAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        // "Request starting" logs carry the full URL, and live streams carry their bearer token in the query.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, TokenIssuer>((jwt, auth, issuer) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Value.Issuer,
                    ValidAudience = auth.Value.ApiAudience,
                    IssuerSigningKey = issuer.Key,
                    // Pinned: a token signed with any other algorithm (even with our key) is not ours.
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = "sub",
                    RoleClaimType = "role",
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                // Browsers' EventSource cannot set headers: the live thread stream accepts the token as a query parameter.
                jwt.Events = new JwtBearerEvents
                {
                    OnMessageReceived = ctx =>
                    {
                        if (ctx.Request.Path.Value?.EndsWith("/events", StringComparison.Ordinal) == true
                            && ctx.Request.Query.TryGetValue("access_token", out var token))
                        {
                            ctx.Token = token;
                        }
                        return Task.CompletedTask;
                    },
                    // Every handler acts for the token's subject: a token without one (even validly signed) gets no one in.
                    OnTokenValidated = ctx =>
                    {
                        if (string.IsNullOrWhiteSpace(ctx.Principal?.FindFirstValue("sub"))) ctx.Fail("The token has no subject.");
                        return Task.CompletedTask;
                    },
                };
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Customer, p => p.RequireAuthenticatedUser().RequireRole(Roles.Customer))
            .AddPolicy(Policies.Agent, p => p.RequireAuthenticatedUser().RequireRole(Roles.Agent))
            .AddPolicy(Policies.CustomerOrAgent, p => p.RequireAuthenticatedUser().RequireRole(Roles.Customer, Roles.Agent));
        return builder;
    }

    public static string SubjectId(this ClaimsPrincipal user) =>
        user.FindFirstValue("sub") ?? throw new InvalidOperationException("Authenticated user without a subject.");

    public static bool IsAgent(this ClaimsPrincipal user) => user.IsInRole(Roles.Agent);
}
