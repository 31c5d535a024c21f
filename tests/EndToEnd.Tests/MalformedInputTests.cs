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
        using var memory = new ResidentMemory();
        foreach (var (ids, service) in new[] { [], real }.SelectMany(ids => services.Select(service => (ids, service))))
        {
            var document = JsonNode.Parse(await service.Anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
            foreach (var (method, template, operation) in OpenApiOperations.All(document))
            {
                var path = OpenApiOperations.Fill(template, OpenApiOperations.RouteParameters(operation), p => ids.GetValueOrDefault((string)p["name"]!));
                var client = await AuthorisedClientAsync(service.Client, method, path, operation);
                var writes = method == "GET" ? 0 : await WriteCountAsync(service.Postgres, service.Schema);
                foreach (var request in Requests(document, method, template, path, operation))
                {
                    using var message = request.ToMessage(method);
                    using var response = await client.SendAsync(message);
                    sent++;
                    var status = (int)response.StatusCode;
                    if (status >= 500)
                    {
                        failures.Add($"{status} {method} {request.Path} {request.What}: {Trim(await response.Content.ReadAsStringAsync())}");
                    }
                    else if (status < 300 && request.MustRefuse)
                    {
                        failures.Add($"{status} {method} {request.Path} accepted {request.What}");
                    }

                    if (method == "GET")
                    {
                        continue;
                    }

                    // A refused request writes nothing: no event, no staff or room change.
                    var after = await WriteCountAsync(service.Postgres, service.Schema);
                    if (status >= 400 && after != writes)
                    {
                        failures.Add($"{status} {method} {request.Path} {request.What}: refused, yet {after - writes} write(s) were made");
                    }

                    writes = after;
                }
            }
        }

        Assert.True(sent >= 2_000, $"only {sent} requests were generated");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests failed:\n" + string.Join('\n', failures.Take(120)));
        // One hostile request once grew a service to 22 GB: the three services together stay within a stated bound.
        Assert.True(memory.GrowthBytes <= MaxMemoryGrowthBytes,
            $"the services' resident memory grew by {memory.GrowthBytes / (1 << 20)} MiB during {sent} requests (bound {MaxMemoryGrowthBytes / (1 << 20)} MiB)");
    }

    /// <summary>The bound on the test process's resident growth over the run (three services, thousands of hostile requests).</summary>
    private const long MaxMemoryGrowthBytes = 768L << 20;

    /// <summary>Samples the process's resident size while the run lasts; the growth is the peak over the size at the start.</summary>
    private sealed class ResidentMemory : IDisposable
    {
        private readonly long start = Environment.WorkingSet;
        private readonly CancellationTokenSource stop = new();
        private long peak;

        public ResidentMemory()
        {
            peak = start;
            _ = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), Environment.WorkingSet));
                    await Task.Delay(100, CancellationToken.None);
                }
            });
        }

        public long GrowthBytes => Math.Max(Interlocked.Read(ref peak), Environment.WorkingSet) - start;

        public void Dispose()
        {
            stop.Cancel();
            stop.Dispose();
        }
    }

    /// <param name="MustRefuse">A mutation no service may accept: a 2xx for it is a failure, not just a 5xx.</param>
    private sealed record FuzzRequest(
        string Path, string What, string? Body, string ContentType = "application/json", bool MustRefuse = false,
        IReadOnlyList<KeyValuePair<string, string>>? Headers = null)
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

            var headers = Headers ?? [];
            foreach (var (name, value) in headers)
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }

            if (!headers.Any(h => h.Key == "Idempotency-Key"))
            {
                message.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
            }

            if (!headers.Any(h => h.Key == "If-Match"))
            {
                message.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            }

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

    private static IEnumerable<FuzzRequest> Requests(JsonNode document, string method, string template, string validPath, JsonNode operation)
    {
        var parameters = operation["parameters"]?.AsArray().Select(p => p!).ToList() ?? [];
        var routeParameters = OpenApiOperations.RouteParameters(operation);
        var queryParameters = parameters.Where(p => (string?)p["in"] == "query").ToList();
        var schema = operation["requestBody"]?["content"]?["application/json"]?["schema"] is { } s ? Resolve(document, s) : null;
        // The documented example is a request a service accepts, so each mutation of it reaches the checks behind
        // the first; a made-up sample where an operation has none.
        var body = schema is null ? null : operation["requestBody"]?["content"]?["application/json"]?["example"]?.DeepClone() ?? Sample(document, schema, 0);

        foreach (var request in HeaderRequests(method, validPath, body?.ToJsonString()))
        {
            yield return request;
        }

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

        // The same field twice: which one counts would depend on the parser.
        if (body is JsonObject { Count: > 0 } fields)
        {
            var (first, value) = fields.First();
            var text = body.ToJsonString();
            yield return new FuzzRequest(
                validPath, $"duplicate key {first}", "{" + System.Text.Json.JsonSerializer.Serialize(first) + ":" + (value?.ToJsonString() ?? "null") + "," + text[1..], MustRefuse: true);
        }

        yield return new FuzzRequest(validPath, "bogus charset", body!.ToJsonString(), "application/json; charset=bogus-42");
        yield return new FuzzRequest(validPath, "text content type", body!.ToJsonString(), "text/plain");

        // Each property in turn, nested ones too: missing, null, the wrong kind, and values no clinic would send.
        foreach (var (location, propertySchema, required) in Properties(document, schema, [], 0))
        {
            foreach (var (what, value, mustRefuse) in PropertyValues(document, propertySchema, required))
            {
                var mutated = body!.DeepClone();
                if (Set(mutated, location, value, remove: what.StartsWith("missing", StringComparison.Ordinal)))
                {
                    yield return new FuzzRequest(validPath, $"{what} {string.Join('.', location)}", mutated.ToJsonString(), MustRefuse: mustRefuse);
                }
            }
        }
    }

    /// <summary>Headers no client should send: each is refused or ignored, never a 5xx; a malformed clinic is always refused.</summary>
    private static IEnumerable<FuzzRequest> HeaderRequests(string method, string validPath, string? body)
    {
        var write = method != "GET";
        foreach (var (what, name, value, mustRefuse) in new[]
                 {
                     ("malformed clinic header", "Clinic", "MAIN; drop table", true),
                     ("garbage if-match", "If-Match", "\"not-a-version\"", false),
                     ("huge idempotency key", "Idempotency-Key", new string('k', 10_000), false),
                     ("control characters in idempotency key", "Idempotency-Key", "key\u0001\u0002", false),
                     ("garbage occurred-at", "Occurred-At", "last tuesday", write),
                     ("year 1 occurred-at", "Occurred-At", "0001-01-01T00:00:00Z", write),
                 })
        {
            yield return new FuzzRequest(validPath, what, body, MustRefuse: mustRefuse, Headers: [KeyValuePair.Create(name, value)]);
        }
    }

    /// <summary>Every property of a body schema, with its location; array items are entered through their first element.</summary>
    private static IEnumerable<(IReadOnlyList<string> Location, JsonNode Schema, bool Required)> Properties(
        JsonNode document, JsonNode schema, IReadOnlyList<string> location, int depth)
    {
        if (depth > 3 || schema["properties"] is not JsonObject properties)
        {
            yield break;
        }

        var required = schema["required"]?.AsArray().Select(r => (string?)r).ToHashSet() ?? [];
        foreach (var (name, property) in properties)
        {
            var resolved = Resolve(document, property!);
            IReadOnlyList<string> here = [.. location, name];
            yield return (here, resolved, required.Contains(name));
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

    /// <summary>
    /// The mutations of one property, each with whether it must be refused: a required field missing, a null where the
    /// schema allows none, a value of another type, an enum by number or as a comma list, anything huge.
    /// </summary>
    private static IEnumerable<(string What, JsonNode? Value, bool MustRefuse)> PropertyValues(JsonNode document, JsonNode schema, bool required)
    {
        var nullable = schema["type"] is JsonArray types && types.Any(t => (string?)t == "null");
        yield return (required ? "missing required" : "missing", null, required);
        yield return ("null", null, required && !nullable && schema["type"] is not null);
        yield return ("nul character in", "a\u0000b", true);
        yield return ("huge string in", new string('n', HugeString), true);
        yield return ("empty string in", string.Empty, false);
        yield return ("blank string in", "   ", false);
        yield return ("control character in", "a\u0001b", false);

        // A declared limit is an enforced one: one past it is refused.
        if ((int?)schema["maxLength"] is { } maxLength and < HugeString)
        {
            yield return ("one character over maxLength in", new string('m', maxLength + 1), true);
        }

        if ((int?)schema["maxItems"] is { } maxItems)
        {
            var item = Sample(document, Resolve(document, schema["items"] ?? new JsonObject()), 1);
            yield return ("one item over maxItems in", new JsonArray([.. Enumerable.Range(0, maxItems + 1).Select(_ => item?.DeepClone())]), true);
        }

        if (schema["enum"] is JsonArray names && names.Count > 0)
        {
            var first = (string)names[0]!;
            var last = (string)names[^1]!;
            yield return ("comma-joined enum in", $"{first}, {last}", true);
            yield return ("number for enum in", 1, true);
            yield return ("unknown enum name in", first + "X", true);
            yield break;
        }

        switch (Type(schema))
        {
            case "integer":
            case "number":
                yield return ("negative", -1, false);
                yield return ("overflowing", JsonNode.Parse("1e40"), true);
                yield return ("fraction in", 0.5, Type(schema) == "integer");
                yield return ("min int in", int.MinValue, false);
                yield return ("string for number", "12", true);
                break;
            case "boolean":
                yield return ("string for boolean", "yes", true);
                yield return ("number for boolean", 1, true);
                break;
            case "array":
                yield return ("empty array in", new JsonArray(), false);
                yield return ("null element in", new JsonArray((JsonNode?)null), true);
                yield return ("object for array", new JsonObject(), true);
                yield return ("huge array in", new JsonArray([.. Enumerable.Range(0, 5_000).Select(_ => Sample(document, Resolve(document, schema["items"] ?? new JsonObject()), 1))]), true);
                break;
            case "object":
                yield return ("array for object", new JsonArray(), true);
                break;
            case "string":
                yield return ("number for string", 42, true);
                if ((string?)schema["format"] is "date-time" or "date")
                {
                    yield return ("year 1 in", (string?)schema["format"] == "date" ? "0001-01-01" : "0001-01-01T00:00:00Z", true);
                    yield return ("year 9999 in", (string?)schema["format"] == "date" ? "9999-12-31" : "9999-12-31T23:59:59Z", true);
                }

                if ((string?)schema["format"] == "date-time")
                {
                    yield return ("instant without offset in", "2026-03-01T09:30:00", true);
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

    /// <summary>What a command can write: events, and the change rows of staff, rooms and availability (documents).</summary>
    private static async Task<long> WriteCountAsync(string postgres, string schema)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        async Task<long> CountAsync(string table)
        {
            await using var exists = new NpgsqlCommand($"select to_regclass('{schema}.{table}') is not null", connection);
            if (!(bool)(await exists.ExecuteScalarAsync())!)
            {
                return 0;
            }

            await using var count = new NpgsqlCommand($"select count(*) from {schema}.{table}", connection);
            return (long)(await count.ExecuteScalarAsync())!;
        }

        return await CountAsync("mt_events") + await CountAsync("mt_doc_resourcechange");
    }

    private static string Trim(string text) => text.Length > 300 ? text[..300] : text;
}
