def post_init_hook(env):
    """Set up the companies that existed before the install.

    Companies with deliveries still waiting for their invoice keep COGS at invoice: their
    invoices book that COGS, and the accountant switches once the interim account is clear."""
    companies = env["res.company"].search([])
    waiting = companies.filtered(
        lambda company: not company.currency_id.is_zero(company._stock_output_balance())
    )
    waiting.write({"cogs_recognition": "invoice"})
    (companies - waiting)._apply_perpetual_cogs_defaults()
    companies._setup_perpetual_inventory_defaults()
