using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Screening.IntegrationTests;

public sealed class IdentityTests(ScreeningApp app) : IClassFixture<ScreeningApp>
{
    [Fact]
    public async Task A_token_without_a_subject_is_a_401_not_a_500()
    {
        var settings = app.Host.Services.GetRequiredService<JwtSettings>();
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor {
            Issuer = settings.TokenIssuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity([new Claim("role", Roles.Intake)]),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(settings.Key(), SecurityAlgorithms.HmacSha256),
        });
        using var client = app.Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await client.PutAsync($"/screenings/{Guid.NewGuid()}/medications", JsonContent.Create(new { medications = Array.Empty<object>() }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(201, "x")]
    [InlineData(10_000, "x")]
    [InlineData(20, "a\u0001b")]
    public async Task A_token_whose_subject_is_too_long_or_holds_control_characters_is_a_401(int length, string part)
    {
        var subject = string.Concat(Enumerable.Repeat(part, length))[..Math.Max(length, part.Length)];
        using var client = app.Host.ClientFor(Roles.Prescriber, subject);

        using var response = await client.GetAsync(new Uri("/review-queue", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("unknown-clinic")]
    [InlineData("MAIN")]
    public async Task A_token_granting_no_clinic_of_the_chain_is_refused_chain_level_reads_too(string? clinic)
    {
        string[] clinics = clinic is null ? [] : [clinic];
        using var officer = app.Host.ClientFor(Roles.PrivacyOfficer, "privacy-nowhere", clinics);
        using var analyst = app.Host.ClientFor(Roles.Analyst, "analyst-nowhere", clinics);

        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync(new Uri("/audit/access", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync(new Uri("/reporting/screening-decisions", UriKind.Relative))).StatusCode);
        using var chain = app.Host.ClientFor(Roles.PrivacyOfficer, "privacy-chain", [ClinicScope.AllClinics]);
        Assert.Equal(HttpStatusCode.OK, (await chain.GetAsync(new Uri("/audit/access", UriKind.Relative))).StatusCode);
    }
}
