namespace Integration.IntegrationTests;

/// <summary>What every service gets from the shared defaults: health, the OpenAPI document, and authentication.</summary>
public sealed class PlatformDefaultsTests : IAsyncLifetime
{
    private ServiceHost<IntegrationServiceMarker> service = null!;

    public async ValueTask InitializeAsync() => service = await ServiceHost.StartAsync<IntegrationServiceMarker>(ServiceHost.NewEntityPrefix());

    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_is_anonymous_and_healthy_when_postgres_rabbitmq_and_the_daemon_are(string path)
    {
        var response = await service.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        // Readiness reports each check (README, "Health and operations"); liveness only says it is up.
        var status = path == "/health/ready" ? JsonDocument.Parse(body).RootElement.GetProperty("status").GetString() : body;
        Assert.Equal("Healthy", status);
    }

    [Fact]
    public async Task The_openapi_document_is_anonymous_and_declares_bearer_auth()
    {
        var response = await service.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"bearer\"", document, StringComparison.Ordinal);
        Assert.Contains("/courses/{courseId}", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_without_a_token_is_401()
    {
        var response = await service.CreateClient().GetAsync($"/courses/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_401()
    {
        var client = service.CreateClient();
        var forged = DevTokens.Mint(new JwtSettings { SigningKey = new string('x', 48) }, Roles.Prescriber, "mallory", TimeSpan.FromHours(1));
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", forged);
        var response = await client.GetAsync($"/courses/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_role_without_access_is_403_and_an_unknown_course_is_a_404_problem()
    {
        var forbidden = await service.ClientFor(Roles.Scheduler).GetAsync($"/courses/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var missing = await service.ClientFor(Roles.Prescriber).GetAsync($"/courses/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }
}
