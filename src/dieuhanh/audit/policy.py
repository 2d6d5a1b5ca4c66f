"""Who may read the audit log: the auditor role (the group "Kiểm tra an toàn thông tin", permission
audit.view_auditentry), and who may export it (audit.export_auditentry). Nobody edits it."""


def may_read(user) -> bool:
    return user.has_perm("audit.view_auditentry")


def may_export(user) -> bool:
    return user.has_perm("audit.export_auditentry")
