using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ResidentInsurance.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AccessAndInbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    UserName = table.Column<string>(type: "text", nullable: false),
                    DisplayName = table.Column<string>(type: "text", nullable: false),
                    Region = table.Column<string>(type: "text", nullable: true),
                    Department = table.Column<string>(type: "text", nullable: true),
                    Role = table.Column<string>(type: "text", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: false),
                    ApiKeyHash = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts", x => x.UserName);
                });

            migrationBuilder.CreateTable(
                name: "audit",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    Actor = table.Column<string>(type: "text", nullable: false),
                    Region = table.Column<string>(type: "text", nullable: true),
                    Action = table.Column<string>(type: "text", nullable: false),
                    Target = table.Column<string>(type: "text", nullable: false),
                    Outcome = table.Column<string>(type: "text", nullable: false),
                    Detail = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "task_claims",
                columns: table => new
                {
                    TaskId = table.Column<string>(type: "text", nullable: false),
                    ClaimedBy = table.Column<string>(type: "text", nullable: false),
                    ClaimedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_claims", x => x.TaskId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_bookmarks_TenantId_Name",
                table: "bookmarks",
                columns: new[] { "TenantId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_ApiKeyHash",
                table: "accounts",
                column: "ApiKeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_accounts_Region_Department",
                table: "accounts",
                columns: new[] { "Region", "Department" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_Region_At",
                table: "audit",
                columns: new[] { "Region", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounts");

            migrationBuilder.DropTable(
                name: "audit");

            migrationBuilder.DropTable(
                name: "task_claims");

            migrationBuilder.DropIndex(
                name: "IX_bookmarks_TenantId_Name",
                table: "bookmarks");
        }
    }
}
