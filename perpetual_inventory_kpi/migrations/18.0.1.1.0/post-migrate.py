"""Shrinkage-by-reason rows stored by 18.0.1.0.0 lacked their day, company, warehouse and
class, so the company rule hid every one of them: complete them from their snapshot row."""


def migrate(cr, version):
    cr.execute("""
        UPDATE stock_kpi_shrinkage shrinkage
           SET date = snapshot.date, company_id = snapshot.company_id,
               warehouse_id = snapshot.warehouse_id, abc_class_id = snapshot.abc_class_id
          FROM stock_kpi_snapshot snapshot
         WHERE snapshot.id = shrinkage.snapshot_id AND shrinkage.company_id IS NULL
    """)
