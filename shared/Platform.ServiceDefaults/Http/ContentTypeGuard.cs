using Microsoft.Net.Http.Headers;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// A body in a character set the JSON reader cannot decode (<c>charset=bogus-42</c>) is a 415 before any endpoint
/// runs; the framework would otherwise throw while binding and answer 500.
/// </summary>
public static class ContentTypeGuard
{
    public static IApplicationBuilder UseContentTypeGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType) &&
                mediaType.Charset.HasValue && !IsKnown(mediaType.Charset.Value!))
            {
                context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                await Results.Problem(
                    statusCode: StatusCodes.Status415UnsupportedMediaType,
                    title: "Unsupported character set",
                    detail: "Send the body as JSON in UTF-8 (Content-Type: application/json; charset=utf-8).").ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    private static bool IsKnown(string charset)
    {
        try
        {
            _ = Encoding.GetEncoding(charset.Trim('"'));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
