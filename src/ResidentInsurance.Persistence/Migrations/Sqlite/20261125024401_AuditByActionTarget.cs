using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ResidentInsurance.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditByActionTarget : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_audit_Action_Target",
                table: "audit",
                columns: new[] { "Action", "Target" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_audit_Action_Target",
                table: "audit");
        }
    }
}
