using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Portal.Core.Data;

// SQLite has no Guid or DateTimeOffset type: both are stored as TEXT there, natively on SQL Server.

internal sealed class GuidHandler : SqlMapper.TypeHandler<Guid>
{
    public override void SetValue(IDbDataParameter parameter, Guid value)
    {
        if (parameter is SqliteParameter)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value.ToString("D");
        }
        else
        {
            parameter.DbType = DbType.Guid;
            parameter.Value = value;
        }
    }

    public override Guid Parse(object value) => value switch
    {
        Guid g => g,
        string s => Guid.ParseExact(s, "D"),
        byte[] b => new Guid(b),
        _ => throw new DataException($"Cannot read a Guid from a {value.GetType().Name}."),
    };
}

internal sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    // UTC with a fixed width, so that text comparison in SQLite orders as time does.
    internal const string SqliteFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'+00:00'";

    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        if (parameter is SqliteParameter)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value.ToUniversalTime().ToString(SqliteFormat, CultureInfo.InvariantCulture);
        }
        else
        {
            parameter.DbType = DbType.DateTimeOffset;
            parameter.Value = value;
        }
    }

    public override DateTimeOffset Parse(object value) => value switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        _ => throw new DataException($"Cannot read a DateTimeOffset from a {value.GetType().Name}."),
    };
}
