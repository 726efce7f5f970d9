namespace RecomAmp.Core.Common;

public sealed record Pagination(int Page, int PageSize, long Total, int TotalPages)
{
    public static Pagination Of(int page, int pageSize, long total) =>
        new(page, pageSize, total, (int)((total + pageSize - 1) / pageSize));
}
