using System.Text;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Platform.Fhir;

namespace Platform.Tests;

/// <summary>A body that is not the resource asked for is a 400 OperationOutcome, whatever its shape; never an exception.</summary>
public sealed class FhirBodyTests
{
    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("[{\"resourceType\":\"ServiceRequest\"}]")]
    [InlineData("\"x\"")]
    [InlineData("42")]
    [InlineData("{\"a\":")]
    [InlineData("{\"resourceType\":\"Patient\"}")]
    [InlineData("{\"resourceType\":\"ServiceRequest\",\"status\":7}")]
    public async System.Threading.Tasks.Task A_body_that_is_not_the_resource_is_refused_with_400(string body)
    {
        var http = new DefaultHttpContext();
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));

        var (resource, refused) = await FhirBody.ReadAsync<ServiceRequest>(http.Request);

        Assert.Null(resource);
        Assert.Equal(StatusCodes.Status400BadRequest, refused?.StatusCode);
    }
}
