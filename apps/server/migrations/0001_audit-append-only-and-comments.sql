-- The audit log is append-only: history that can be edited is no history.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
COMMENT ON TABLE wards IS 'Phường / xã (tenant)';
--> statement-breakpoint
COMMENT ON TABLE units IS 'Cơ quan, đơn vị; tổ dân phố; trường học; doanh nghiệp';
--> statement-breakpoint
COMMENT ON TABLE users IS 'Người dùng';
--> statement-breakpoint
COMMENT ON TABLE sessions IS 'Phiên đăng nhập';
--> statement-breakpoint
COMMENT ON TABLE plans IS 'Kế hoạch';
--> statement-breakpoint
COMMENT ON TABLE objectives IS 'Mục tiêu cụ thể đến năm 2030';
--> statement-breakpoint
COMMENT ON TABLE task_statuses IS 'Trạng thái nhiệm vụ';
--> statement-breakpoint
COMMENT ON TABLE tasks IS 'Nhiệm vụ, giải pháp; nhiệm vụ của đơn vị; phong trào';
--> statement-breakpoint
COMMENT ON COLUMN tasks.owner_unit_id IS 'Đơn vị chủ trì';
--> statement-breakpoint
COMMENT ON COLUMN tasks.output IS 'Sản phẩm đầu ra';
--> statement-breakpoint
COMMENT ON TABLE task_coordinators IS 'Đơn vị phối hợp';
--> statement-breakpoint
COMMENT ON TABLE task_updates IS 'Cập nhật tiến độ';
--> statement-breakpoint
COMMENT ON TABLE indicators IS 'Chỉ tiêu';
--> statement-breakpoint
COMMENT ON TABLE measurements IS 'Số liệu chỉ tiêu theo kỳ (theo tổ dân phố hoặc toàn phường)';
--> statement-breakpoint
COMMENT ON TABLE files IS 'Tệp minh chứng';
--> statement-breakpoint
COMMENT ON TABLE notifications IS 'Nhắc việc';
--> statement-breakpoint
COMMENT ON TABLE audit_log IS 'Nhật ký thay đổi (chỉ ghi thêm)';
--> statement-breakpoint
COMMENT ON TABLE attachments IS 'Tệp minh chứng đính kèm (cập nhật tiến độ, số liệu, …)';
