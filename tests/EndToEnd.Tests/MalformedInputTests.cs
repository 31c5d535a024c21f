using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace EndToEnd.Tests;

/// <summary>
/// Generated malformed requests against every operation of the three OpenAPI documents, sent with a token of a role
/// the operation allows, on the real services and databases. None may answer 5xx, none may accept a string too long
/// to be a clinical field, and an operation that refused every request may not have left an event behind.
/// </summary>
public sealed class MalformedInputTests(Clinic clinic) : IClassFixture<Clinic>
{
    private const int HugeString = 100_000;

    [Fact]
    public async Task Thousands_of_malformed_requests_get_4xx_never_5xx_and_leave_no_event()
    {
        var services = new (string Schema, Func<string, HttpClient> Client, string Postgres, HttpClient Anonymous)[]
        {
            ("screening", r => clinic.Screening.ClientFor(r, "fuzz"), clinic.Screening.Postgres, clinic.Screening.CreateClient()),
            ("scheduling", r => clinic.Scheduling.ClientFor(r, "fuzz"), clinic.Scheduling.Postgres, clinic.Scheduling.CreateClient()),
            ("integration", r => clinic.Integration.ClientFor(r, "fuzz"), clinic.Integration.Postgres, clinic.Integration.CreateClient()),
        };

        // Once with ids nothing knows, once with a real screening, course, session, staff member and room, so the
        // requests also reach the checks that need the record.
        var real = await RealIdsAsync();
        var sent = 0;
        var failures = new List<string>();
        foreach (var (ids, service) in new[] { [], real }.SelectMany(ids => services.Select(service => (ids, service))))
        {
            var document = JsonNode.Parse(await service.Anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
            foreach (var (method, template, operation) in OpenApiOperations.All(document))
            {
                var path = OpenApiOperations.Fill(template, OpenApiOperations.RouteParameters(operation), p => ids.GetValueOrDefault((string)p["name"]!));
                var client = await AuthorisedClientAsync(service.Client, method, path, operation);
                var eventsBefore = await EventCountAsync(service.Postgres, service.Schema);
                var anyAccepted = false;
                foreach (var request in Requests(document, template, path, operation))
                {
                    using var message = request.ToMessage(method);
                    using var response = await client.SendAsync(message);
                    sent++;
                    var status = (int)response.StatusCode;
                    anyAccepted |= status < 300;
                    if (status >= 500)
                    {
                        failures.Add($"{status} {method} {request.Path} {request.What}: {Trim(await response.Content.ReadAsStringAsync())}");
                    }
                    else if (status < 300 && request.What.StartsWith("huge", StringComparison.Ordinal))
                    {
                        failures.Add($"{status} {method} {request.Path} accepted {request.What}");
                    }
                }

                if (!anyAccepted && await EventCountAsync(service.Postgres, service.Schema) != eventsBefore)
                {
                    failures.Add($"{method} {path}: every request was refused, yet events were appended");
                }
            }
        }

        Assert.True(sent >= 2_000, $"only {sent} requests were generated");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests failed:\n" + string.Join('\n', failures.Take(120)));
    }

    private sealed record FuzzRequest(string Path, string What, string? Body, string ContentType = "application/json")
    {
        public HttpRequestMessage ToMessage(string method)
        {
            var message = new HttpRequestMessage(new HttpMethod(method), new Uri(Path, UriKind.Relative));
            if (Body is not null)
            {
                message.Content = new StringContent(Body, Encoding.UTF8);
                message.Content.Headers.Remove("Content-Type");
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }

            message.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
            message.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            return message;
        }
    }

    /// <summary>
    /// A client with the first role the operation's description names ("Roles: scheduler, system."), else the first
    /// role it does not refuse: malformed input must reach the checks behind the authorisation.
    /// </summary>
    private static async Task<HttpClient> AuthorisedClientAsync(Func<string, HttpClient> client, string method, string path, JsonNode operation)
    {
        if (OpenApiOperations.DocumentedRoles(operation) is [var documented, ..])
        {
            return client(documented);
        }

        foreach (var role in Roles.All)
        {
            using var probe = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            using var response = await client(role).SendAsync(probe);
            if (response.StatusCode is not HttpStatusCode.Forbidden and not HttpStatusCode.Unauthorized)
            {
                return client(role);
            }
        }

        throw new InvalidOperationException($"No role may call {method} {path}.");
    }

    private async Task<Dictionary<string, string>> RealIdsAsync()
    {
        var script = await CourseScript.ReadyToDoseAsync(clinic);
        var referral = await ScreeningApi.ReferAsync(clinic.Screening.ClientFor(Roles.System, "ehr"));
        await ScreeningApi.RecordSafeIntakeAsync(clinic.Screening.ClientFor(Roles.Intake, "intake-1"), referral.Id);
        var staff = await CourseScript.OkAsync(await script.Scheduler.GetAsync(new Uri("/staff", UriKind.Relative)));
        var rooms = await CourseScript.OkAsync(await script.Scheduler.GetAsync(new Uri("/rooms", UriKind.Relative)));
        return new Dictionary<string, string> {
            ["screeningId"] = referral.Id.ToString(),
            ["courseId"] = script.CourseId.ToString(),
            ["sessionId"] = script.DosingSession(1).ToString(),
            ["staffId"] = staff.GetProperty("items")[0].GetProperty("id").GetString()!,
            ["roomId"] = rooms.GetProperty("items")[0].GetProperty("id").GetString()!,
        };
    }

    private static IEnumerable<FuzzRequest> Requests(JsonNode document, string template, string validPath, JsonNode operation)
    {
        var parameters = operation["parameters"]?.AsArray().Select(p => p!).ToList() ?? [];
        var routeParameters = OpenApiOperations.RouteParameters(operation);
        var queryParameters = parameters.Where(p => (string?)p["in"] == "query").ToList();
        var schema = operation["requestBody"]?["content"]?["application/json"]?["schema"] is { } s ? Resolve(document, s) : null;
        var body = schema is null ? null : Sample(document, schema, 0);

        // Route values: the all-zero id and impossible dates.
        foreach (var parameter in routeParameters)
        {
            foreach (var (what, value) in RouteValues(parameter))
            {
                yield return new FuzzRequest(OpenApiOperations.Fill(template, routeParameters, p => p == parameter ? value : null), what, body?.ToJsonString());
            }
        }

        // Query values of the wrong kind or out of range.
        foreach (var parameter in queryParameters)
        {
            foreach (var (what, value) in QueryValues(document, parameter))
            {
                yield return new FuzzRequest($"{validPath}?{(string)parameter["name"]!}={Uri.EscapeDataString(value)}", what, body?.ToJsonString());
            }
        }

        if (schema is null)
        {
            yield break;
        }

        // Whole bodies that are not the object asked for.
        foreach (var (what, text) in new[]
                 {
                     ("empty body", string.Empty), ("null body", "null"), ("array body", "[]"), ("string body", "\"x\""),
                     ("truncated json", "{\"a\":"), ("unknown property", Merge(body!, "unexpectedProperty", 1)),
                     ("deep nesting", new string('[', 5_000) + new string(']', 5_000)),
                 })
        {
            yield return new FuzzRequest(validPath, what, text);
        }

        yield return new FuzzRequest(validPath, "bogus charset", body!.ToJsonString(), "application/json; charset=bogus-42");
        yield return new FuzzRequest(validPath, "text content type", body!.ToJsonString(), "text/plain");

        // Each property in turn, nested ones too: missing, null, the wrong kind, and values no clinic would send.
        foreach (var (location, propertySchema) in Properties(document, schema, [], 0))
        {
            foreach (var (what, value) in PropertyValues(document, propertySchema))
            {
                var mutated = body!.DeepClone();
                if (Set(mutated, location, value, remove: what == "missing"))
                {
                    yield return new FuzzRequest(validPath, $"{what} {string.Join('.', location)}", mutated.ToJsonString());
                }
            }
        }
    }

    /// <summary>Every property of a body schema, with its location; array items are entered through their first element.</summary>
    private static IEnumerable<(IReadOnlyList<string> Location, JsonNode Schema)> Properties(
        JsonNode document, JsonNode schema, IReadOnlyList<string> location, int depth)
    {
        if (depth > 3 || schema["properties"] is not JsonObject properties)
        {
            yield break;
        }

        foreach (var (name, property) in properties)
        {
            var resolved = Resolve(document, property!);
            IReadOnlyList<string> here = [.. location, name];
            yield return (here, resolved);
            var nested = Type(resolved) == "array" ? Resolve(document, resolved["items"] ?? new JsonObject()) : resolved;
            IReadOnlyList<string> inside = Type(resolved) == "array" ? [.. here, "0"] : here;
            foreach (var child in Properties(document, nested, inside, depth + 1))
            {
                yield return child;
            }
        }
    }

    private static bool Set(JsonNode root, IReadOnlyList<string> location, JsonNode? value, bool remove)
    {
        var parent = root;
        foreach (var segment in location.Take(location.Count - 1))
        {
            parent = parent is JsonArray array ? (array.Count > 0 ? array[0] : null)! : parent[segment]!;
            if (parent is null)
            {
                return false;
            }
        }

        if (parent is not JsonObject target)
        {
            return false;
        }

        if (remove)
        {
            target.Remove(location[^1]);
        }
        else
        {
            target[location[^1]] = value;
        }

        return true;
    }

    private static IEnumerable<(string What, string Value)> RouteValues(JsonNode parameter) =>
        (string?)parameter["schema"]?["format"] switch {
            "uuid" => [("empty guid", Guid.Empty.ToString())],
            "date" => [("year 9999", "9999-12-31"), ("year 1", "0001-01-01"), ("not a date", "2026-02-30")],
            _ => [("huge route value", new string('x', 5_000))],
        };

    private static IEnumerable<(string What, string Value)> QueryValues(JsonNode document, JsonNode parameter)
    {
        var schema = parameter["schema"] is { } s ? Resolve(document, s) : new JsonObject();
        yield return ("garbage query", "%%%not-a-value\u0001");
        yield return ("huge query", new string('q', 10_000));
        switch ((string?)Type(schema), (string?)schema["format"])
        {
            case ("integer", _):
                yield return ("negative query", "-1");
                yield return ("overflowing query", "99999999999999999999");
                break;
            case ("string", "date-time"):
            case ("string", "date"):
                yield return ("year 1 query", "0001-01-01");
                yield return ("year 9999 query", "9999-12-31T23:59:59Z");
                break;
        }
    }

    private static IEnumerable<(string What, JsonNode? Value)> PropertyValues(JsonNode document, JsonNode schema)
    {
        yield return ("missing", null);
        yield return ("null", null);
        yield return ("nul character in", "a\u0000b");
        yield return ("huge string in", new string('n', HugeString));
        yield return ("empty string in", string.Empty);
        yield return ("blank string in", "   ");
        yield return ("control character in", "a\u0001b");
        switch (Type(schema))
        {
            case "integer":
            case "number":
                yield return ("negative", -1);
                yield return ("overflowing", JsonNode.Parse("1e40"));
                yield return ("fraction in", 0.5);
                yield return ("min int in", int.MinValue);
                yield return ("string for number", "12");
                break;
            case "boolean":
                yield return ("string for boolean", "yes");
                yield return ("number for boolean", 1);
                break;
            case "array":
                yield return ("empty array in", new JsonArray());
                yield return ("null element in", new JsonArray((JsonNode?)null));
                yield return ("object for array", new JsonObject());
                yield return ("huge array in", new JsonArray([.. Enumerable.Range(0, 5_000).Select(_ => Sample(document, Resolve(document, schema["items"] ?? new JsonObject()), 1))]));
                break;
            case "object":
                yield return ("array for object", new JsonArray());
                break;
            default:
                yield return ("number for string", 42);
                if ((string?)schema["format"] is "date-time" or "date")
                {
                    yield return ("year 1 in", (string?)schema["format"] == "date" ? "0001-01-01" : "0001-01-01T00:00:00Z");
                    yield return ("year 9999 in", (string?)schema["format"] == "date" ? "9999-12-31" : "9999-12-31T23:59:59Z");
                }

                break;
        }
    }

    /// <summary>A plausible value for a schema: the base each mutation changes one property of.</summary>
    private static JsonNode? Sample(JsonNode document, JsonNode schema, int depth)
    {
        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            return values[0]!.DeepClone();
        }

        return Type(schema) switch {
            "object" when depth < 4 => new JsonObject(
                (schema["properties"] as JsonObject ?? [])
                .Select(p => KeyValuePair.Create(p.Key, Sample(document, Resolve(document, p.Value!), depth + 1)))),
            "object" => new JsonObject(),
            "array" => new JsonArray(Sample(document, Resolve(document, schema["items"] ?? new JsonObject()), depth + 1)),
            "integer" => 1,
            "number" => 1.5,
            "boolean" => true,
            _ => (string?)schema["format"] switch {
                "uuid" => Guid.NewGuid().ToString(),
                "date-time" => DateTimeOffset.UtcNow.AddDays(1).ToString("o"),
                "date" => DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd"),
                _ => "x",
            },
        };
    }

    /// <summary>The schema's type, also when nullable ("type": ["string", "null"]) or given only by properties or a oneOf.</summary>
    private static string? Type(JsonNode schema) =>
        schema["type"] switch {
            JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t != "null"),
            JsonValue type => (string?)type,
            _ => schema["properties"] is not null ? "object" : null,
        };

    private static JsonNode Resolve(JsonNode document, JsonNode schema)
    {
        for (var i = 0; i < 10; i++)
        {
            if (schema["$ref"] is JsonValue reference)
            {
                schema = document["components"]!["schemas"]![((string)reference!).Split('/')[^1]]!;
            }
            else if ((schema["oneOf"] ?? schema["anyOf"] ?? schema["allOf"]) is JsonArray options &&
                     options.FirstOrDefault(o => o?["type"]?.ToString() != "null") is { } first)
            {
                schema = first;
            }
            else
            {
                break;
            }
        }

        return schema;
    }

    private static string Merge(JsonNode body, string name, JsonNode value)
    {
        var copy = body.DeepClone().AsObject();
        copy[name] = value;
        return copy.ToJsonString();
    }

    private static async Task<long> EventCountAsync(string postgres, string schema)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from {schema}.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string Trim(string text) => text.Length > 300 ? text[..300] : text;
}
