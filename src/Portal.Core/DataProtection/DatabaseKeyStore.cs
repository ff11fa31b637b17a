using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Portal.Core.Data;

namespace Portal.Core.DataProtection;

/// <summary>
/// Keeps ASP.NET Core Data Protection keys in the portal database, so that every web node on one database
/// reads the same key ring: a form rendered by one node posts to another, a signed link opens on any node.
/// </summary>
/// <remarks>IXmlRepository is synchronous by contract; keys are read at start-up and on key-ring refresh only.</remarks>
public sealed class DatabaseKeyStore(PortalDatabase database, TimeProvider time) : IXmlRepository
{
    private const string Feature = "DataProtection";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.Open();
        var rows = connection.Query<StoredKey>(new CommandDefinition(database.Query(Feature, "SelectKeys")));
        return rows.Select(r => XElement.Parse(r.Xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.Open();
        connection.Execute(new CommandDefinition(database.Query(Feature, "InsertKey"), new StoredKey
        {
            Id = Guid.NewGuid(),
            FriendlyName = friendlyName,
            Xml = element.ToString(SaveOptions.DisableFormatting),
            CreatedAt = time.GetUtcNow(),
        }));
    }

    /// <summary>Rewrites a stored key in place (same id, same key): to encrypt it, or move it to another certificate.</summary>
    public async Task ReplaceXmlAsync(Guid id, XElement element, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "ReplaceKeyXml"),
            new { Id = id, Xml = element.ToString(SaveOptions.DisableFormatting) }, cancellationToken: cancellationToken));
    }

    /// <summary>Every stored key row, oldest first (for operators and tests).</summary>
    public async Task<IReadOnlyList<StoredKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredKey>(new CommandDefinition(database.Query(Feature, "SelectKeys"), cancellationToken: cancellationToken));
        return rows.ToList();
    }
}

public sealed class StoredKey
{
    public Guid Id { get; init; }
    public string FriendlyName { get; init; } = "";
    public string Xml { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
}
