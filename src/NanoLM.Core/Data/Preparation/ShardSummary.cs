using System.Text.Json.Serialization;

namespace NanoLM.Data.Preparation;

/// <summary>One shard as the manifest records it.</summary>
/// <param name="Documents">Documents that ended in this shard (a long document's pieces may fall in both shards).</param>
/// <param name="Pieces">Pieces of documents in this shard; the split assigns pieces, see <see cref="CorpusReader.PieceBytes"/>.</param>
public sealed record ShardSummary(string File, long Tokens, long Documents, long Pieces, [property: JsonConverter(typeof(HexChecksumConverter))] ulong Checksum);
