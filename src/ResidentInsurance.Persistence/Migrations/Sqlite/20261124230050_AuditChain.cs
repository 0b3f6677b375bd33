using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ResidentInsurance.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "audit",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PreviousHash",
                table: "audit",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            // Entries written before the chain existed: kept, marked, and chained on first use (WorkflowDbContextFactory).
            migrationBuilder.Sql("UPDATE audit SET \"PreviousHash\" = 'unchained-' || \"Sequence\" WHERE \"PreviousHash\" = '';");

            migrationBuilder.CreateIndex(
                name: "IX_audit_PreviousHash",
                table: "audit",
                column: "PreviousHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_audit_PreviousHash",
                table: "audit");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "audit");

            migrationBuilder.DropColumn(
                name: "PreviousHash",
                table: "audit");
        }
    }
}
