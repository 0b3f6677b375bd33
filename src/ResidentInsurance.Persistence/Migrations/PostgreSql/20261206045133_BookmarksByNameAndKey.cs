using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ResidentInsurance.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class BookmarksByNameAndKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_bookmarks_Name_CorrelationKey",
                table: "bookmarks",
                columns: new[] { "Name", "CorrelationKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_bookmarks_Name_CorrelationKey",
                table: "bookmarks");
        }
    }
}
