app_name = "budget_voting"

urlpatterns = []
