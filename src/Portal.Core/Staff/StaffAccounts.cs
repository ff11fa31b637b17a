using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Core.Data;

namespace Portal.Core.Staff;

public static class StaffRoles
{
    public const string Agent = "agent";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Agent, Admin];
}

public sealed record StaffAccount(int Id, string Email, string Role, bool Disabled);

/// <summary>Staff accounts in the database, passwords hashed by Identity's <see cref="PasswordHasher{TUser}"/>; signing in is <see cref="StaffSignInDesk"/>.</summary>
public sealed class StaffAccounts(PortalDatabase database, IOptions<StaffOptions> options, TimeProvider time)
{
    private const string Feature = "Staff";
    internal static readonly PasswordHasher<string> Hasher = new();

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Adds an account; null when done, otherwise why not.</summary>
    public async Task<string?> AddAsync(string email, string role, string password, CancellationToken cancellationToken)
    {
        email = Normalize(email);
        if (!System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email) return $"'{email}' is not a mail address";
        if (!StaffRoles.All.Contains(role)) return $"the role must be {string.Join(" or ", StaffRoles.All)} (was '{role}')";
        if (password.Length < options.Value.MinPasswordLength) return $"the password must be at least {options.Value.MinPasswordLength} characters";
        await using var connection = await database.OpenAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "InsertAccount"), new
        {
            Email = email, Role = role, PasswordHash = Hasher.HashPassword(email, password), CreatedAt = time.GetUtcNow(),
        }, cancellationToken: cancellationToken));
        return inserted == 1 ? null : $"{email} already has an account";
    }

    /// <summary>False when there is no such account.</summary>
    public async Task<bool> DisableAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "DisableAccount"), new { Email = Normalize(email) }, cancellationToken: cancellationToken)) == 1;
    }
}
