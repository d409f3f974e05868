def post_init_hook(env):
    """Companies that existed before the install get the default ABC classes."""
    env["res.company"].search([])._create_default_abc_classes()
