def post_init_hook(env):
    """Companies that existed before the install switch to perpetual COGS."""
    env["res.company"].search([])._apply_perpetual_cogs_defaults()
