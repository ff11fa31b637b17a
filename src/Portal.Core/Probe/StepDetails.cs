using System.Globalization;

namespace Portal.Core.Probe;

/// <summary>
/// The words of a probe step's detail in each language. A step keeps the key and its values (server replies, names,
/// addresses, which stay as the server gave them), so the result page reads in the member's language; the English
/// text is also the step's <see cref="ProbeStep.Detail"/> for the command line and the logs.
/// </summary>
public static class StepDetails
{
    private static readonly Dictionary<string, (string En, string Ja)> Words = new(StringComparer.Ordinal)
    {
        ["no-lookup"] = ("{0} (an address, no lookup needed)", "{0}（IPアドレスのため名前の検索は不要）"),
        ["lookup-failed"] = ("{0}: {1}", "{0}：名前を引けませんでした（{1}）"),
        ["lookup-timeout"] = ("{0}: no answer in time", "{0}：時間内に名前を引けませんでした"),
        ["connected"] = ("{0} port {1}", "{0} のポート {1}"),
        ["certificate-refused"] = ("certificate refused: {0}", "証明書を受け入れられません：{0}"),
        ["tls-failed"] = ("TLS handshake failed", "暗号化（TLS）を始められませんでした"),
        ["no-greeting"] = ("the server connected but sent no greeting", "接続できましたが、サーバーから最初の応答がありませんでした"),
        ["closed-before-greeting"] = ("the connection closed before a greeting ({0})", "最初の応答の前に接続が切れました（{0}）"),
        ["no-starttls"] = ("the server does not offer STARTTLS", "サーバーが STARTTLS を用意していません"),
        ["tls-first-byte"] = ("TLS from the first byte", "最初から暗号化（SSL/TLS）"),
        ["tls-first-byte-with"] = ("TLS from the first byte: {0}", "最初から暗号化（SSL/TLS）：{0}"),
        ["no-encryption"] = ("no encryption configured", "暗号化なしの設定です"),
        ["no-auth"] = ("the server offers no AUTH mechanism here", "サーバーがここでは認証（AUTH）を用意していません"),
        ["no-password-mechanism"] = ("{0}: none that works with a password", "{0}：パスワードで使える方式がありません"),
        ["signed-in"] = ("235 signed in as {0}", "235 {0} としてログインできました"),
        ["wrong-password"] = ("535 the server refused the user name {0} with this password", "535 ユーザー名 {0} とこのパスワードでは、サーバーがログインを受け付けませんでした"),
        ["sign-in-refused"] = ("{0} the server did not accept the sign-in", "{0} サーバーがログインを受け付けませんでした"),
        ["sign-in-refused-for-now"] = ("{0} the server did not accept the sign-in for now (a temporary refusal)", "{0} サーバーがいまはログインを受け付けませんでした（一時的なお断り）"),
        ["no-usable-mechanism"] = ("{0}: no mechanism this probe can use", "{0}：このテストで使える方式がありません"),
        ["stopped-answering"] = ("the server stopped answering ({0})", "サーバーが応答しなくなりました（{0}）"),
        ["may-send"] = ("<{0}> may send; nothing was sent (RSET)", "<{0}> から送信できます（実際には何も送っていません：RSET）"),
        ["no-quit-answer"] = ("the server closed the connection without answering QUIT", "サーバーが QUIT に答えずに接続を閉じました"),
        ["alternative-works"] = ("port {0} (TLS from the first byte) works: the member can use it instead", "ポート {0}（最初から暗号化）なら使えます。こちらに設定することもできます"),
        ["alternative-fails"] = ("port {0} fails too ({1})", "ポート {0} でも失敗しました（{1}）"),
    };

    public static IEnumerable<string> Keys => Words.Keys;

    /// <summary>The English detail for a key, as <see cref="ProbeStep.Detail"/> keeps it.</summary>
    public static string English(string key, IReadOnlyList<string> values) => Format(Words[key].En, values);

    /// <summary>A step's detail in the page's language: its words when it has a key, else the detail as recorded.</summary>
    public static string For(ProbeStep step, string language) =>
        step.Key is { } key && Words.TryGetValue(key, out var words) ? Format(language == "en" ? words.En : words.Ja, step.Values ?? []) : step.Detail;

    private static string Format(string text, IReadOnlyList<string> values) =>
        string.Format(CultureInfo.InvariantCulture, text, values.Cast<object>().ToArray());
}
