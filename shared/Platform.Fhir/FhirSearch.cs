namespace Platform.Fhir;

/// <summary>
/// A search request read strictly: a parameter the endpoint does not support is a 400 naming it (FHIR's
/// <c>handling=strict</c>), never silently ignored, because a client filtering on it would get more records than it
/// asked for. <c>_count</c> is the page size and <c>_cursor</c> the opaque position a <c>next</c> link carries (the
/// platform's <see cref="PageRequest"/>).
/// </summary>
public sealed class FhirSearch
{
    public const string Count = "_count";
    public const string Cursor = "_cursor";

    private readonly IQueryCollection query;

    private FhirSearch(IQueryCollection query, PageRequest page)
    {
        this.query = query;
        Page = page;
    }

    public PageRequest Page { get; }

    /// <summary>The value of a supported parameter, or null when absent.</summary>
    public string? this[string name] => query.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>Reads the query, or answers the 400 OperationOutcome naming each parameter that is unsupported, repeated or not valid.</summary>
    public static FhirSearch? Read(HttpRequest request, IReadOnlyCollection<string> supported, out FhirResult? refused)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(supported);
        var errors = new FieldErrors();
        foreach (var (name, values) in request.Query)
        {
            if (name is not (Count or Cursor) && !supported.Contains(name))
            {
                errors.Add(name, $"is not a supported search parameter here; supported: {string.Join(", ", supported.Append(Count))}");
            }
            else if (values.Count > 1)
            {
                errors.Add(name, "may be given once");
            }
        }

        int? count = null;
        if (request.Query.TryGetValue(Count, out var text))
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                count = n;
            }
            else
            {
                errors.Add(Count, "must be a whole number");
            }
        }

        var paging = new FieldErrors();
        var page = PageRequest.From(count, request.Query[Cursor].ToString(), paging);
        foreach (var (field, messages) in paging.ToDictionary())
        {
            var name = field == "limit" ? Count : Cursor;
            foreach (var message in messages)
            {
                errors.Add(name, message);
            }
        }

        refused = errors.Any ? FhirResults.Invalid(errors) : null;
        return errors.Any ? null : new FhirSearch(request.Query, page);
    }

    /// <summary>A date parameter's range, or null when absent; adds the error naming it when not valid.</summary>
    public FhirDateParameter? Date(string name, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (this[name] is not { } value)
        {
            return null;
        }

        if (FhirDateParameter.TryParse(value, out var parameter, out var error))
        {
            return parameter;
        }

        errors.Add(name, error!);
        return null;
    }

    /// <summary>A token parameter (<c>code=http://loinc.org|44261-6</c>), or null when absent; adds the error naming it when not valid.</summary>
    public FhirToken? Token(string name, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (this[name] is not { } value)
        {
            return null;
        }

        if (FhirToken.TryParse(value, out var token))
        {
            return token;
        }

        errors.Add(name, "must be system|code or a code");
        return null;
    }

    /// <summary>A token parameter (<c>status=active,inactive</c>) as the codes it names, or null when absent; adds the error unless each is one of <paramref name="known"/>.</summary>
    public string[]? Codes(string name, IReadOnlyCollection<string> known, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(errors);
        if (this[name] is not { } value)
        {
            return null;
        }

        var wanted = value.Split(',', StringSplitOptions.TrimEntries);
        if (wanted.Any(w => !known.Contains(w)))
        {
            errors.Add(name, $"'{value}' is not supported; use one or more of {string.Join(", ", known)}");
            return null;
        }

        return wanted;
    }

    /// <summary>A resource id parameter (<c>_id</c>, <c>patient=Patient/{id}</c>) as the platform's Guid; adds the error when it is not one.</summary>
    public Guid? Id(string name, string? type, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (this[name] is not { } value)
        {
            return null;
        }

        var id = type is not null && value.StartsWith(type + "/", StringComparison.Ordinal) ? value[(type.Length + 1)..] : value;
        if (Guid.TryParse(id, out var guid))
        {
            return guid;
        }

        errors.Add(name, type is null ? "must be a resource id" : $"must be a {type} id or {type}/{{id}}");
        return null;
    }
}
