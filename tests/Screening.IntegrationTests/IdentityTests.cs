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
            Issuer = settings.Issuer,
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
}
