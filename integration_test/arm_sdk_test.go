package integration_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/arm"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/resources/armresources"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/resources/armsubscriptions"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

// armSubscriptionOf is each default tenant's subscription.
var armSubscriptionOf = map[string]string{
	idp.DefaultTenantID:      idp.DefaultSubscriptionID,
	idp.DefaultUSGovTenantID: idp.DefaultUSGovSubscriptionID,
	idp.DefaultChinaTenantID: idp.DefaultChinaSubscriptionID,
}

// armRegionOf is a region of each cloud: display name, then name.
var armRegionOf = map[string][2]string{
	"public": {"West Europe", "westeurope"},
	"usgov":  {"USGov Texas", "usgovtexas"},
	"china":  {"China East 2", "chinaeast2"},
}

// armCloudConfig points azcore at a cloud's real login and management
// hosts, which the proxy client reaches at mockidp.
func armCloudConfig(c *clouds.Cloud) cloud.Configuration {
	return cloud.Configuration{ActiveDirectoryAuthorityHost: "https://" + c.LoginHost + "/",
		Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
			cloud.ResourceManager: {Endpoint: "https://" + c.ManagementHost(), Audience: c.ARMAudience()}}}
}

func armClientOptions(srv *mockidptest.Server, c *clouds.Cloud) *arm.ClientOptions {
	return &arm.ClientOptions{ClientOptions: policy.ClientOptions{Cloud: armCloudConfig(c),
		Transport: srv.ProxyClient(), Retry: policy.RetryOptions{MaxRetries: -1}}}
}

func daemonSecretCredential(t *testing.T, srv *mockidptest.Server, cc cloudCase) azcore.TokenCredential {
	t.Helper()
	cred, err := azidentity.NewClientSecretCredential(cc.tenant, idp.DefaultDaemonClientID, idp.DefaultDaemonSecret,
		&azidentity.ClientSecretCredentialOptions{ClientOptions: policy.ClientOptions{Cloud: armCloudConfig(cc.cloud),
			Transport: srv.ProxyClient()}})
	if err != nil {
		t.Fatal(err)
	}
	return cred
}

func TestARMSDKListAndCreateGroups(t *testing.T) {
	srv := mockidptest.NewServer(t)
	for _, cc := range testClouds {
		t.Run(cc.cloud.Name, func(t *testing.T) {
			ctx, sub := testContext(t), armSubscriptionOf[cc.tenant]
			cred := daemonSecretCredential(t, srv, cc)
			opts := armClientOptions(srv, cc.cloud)

			subs, err := armsubscriptions.NewClient(cred, opts)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for pager := subs.NewListPager(nil); pager.More(); {
				page, err := pager.NextPage(ctx)
				if err != nil {
					t.Fatalf("list subscriptions: %v", err)
				}
				for _, s := range page.Value {
					ids = append(ids, *s.SubscriptionID)
					if *s.TenantID != cc.tenant || *s.State != armsubscriptions.SubscriptionStateEnabled {
						t.Errorf("subscription = %+v", s)
					}
				}
			}
			if len(ids) != 1 || ids[0] != sub {
				t.Fatalf("subscriptions = %v, want [%s]", ids, sub)
			}

			groups, err := armresources.NewResourceGroupsClient(sub, cred, opts)
			if err != nil {
				t.Fatal(err)
			}
			created, err := groups.CreateOrUpdate(ctx, "sdk-rg", armresources.ResourceGroup{
				Location: to.Ptr(armRegionOf[cc.cloud.Name][0]), Tags: map[string]*string{"env": to.Ptr("test")}}, nil)
			if err != nil {
				t.Fatalf("create group: %v", err)
			}
			if *created.Name != "sdk-rg" || *created.Location != armRegionOf[cc.cloud.Name][1] || *created.Properties.ProvisioningState != "Succeeded" {
				t.Errorf("created = %+v", created.ResourceGroup)
			}
			names := listGroups(t, groups)
			if len(names) != 2 || names[0] != idp.DefaultResourceGroup || names[1] != "sdk-rg" {
				t.Errorf("groups = %v", names)
			}
			poller, err := groups.BeginDelete(ctx, "sdk-rg", nil)
			if err != nil {
				t.Fatalf("delete: %v", err)
			}
			if _, err := poller.PollUntilDone(ctx, nil); err != nil {
				t.Fatalf("delete poll: %v", err)
			}
			_, err = groups.Get(ctx, "sdk-rg", nil)
			wantARMError(t, err, http.StatusNotFound, "ResourceGroupNotFound")
		})
	}
}

func listGroups(t *testing.T, groups *armresources.ResourceGroupsClient) []string {
	t.Helper()
	var names []string
	for pager := groups.NewListPager(&armresources.ResourceGroupsClientListOptions{Top: to.Ptr[int32](1)}); pager.More(); {
		page, err := pager.NextPage(testContext(t))
		if err != nil {
			t.Fatalf("list groups: %v", err)
		}
		if len(page.Value) > 1 {
			t.Fatalf("page of %d groups with $top=1", len(page.Value))
		}
		for _, g := range page.Value {
			names = append(names, *g.Name)
		}
	}
	return names
}

func wantARMError(t *testing.T, err error, status int, code string) *azcore.ResponseError {
	t.Helper()
	var re *azcore.ResponseError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v, want an azcore.ResponseError %s", err, code)
	}
	if re.StatusCode != status || re.ErrorCode != code {
		t.Fatalf("status %d code %s, want %d %s", re.StatusCode, re.ErrorCode, status, code)
	}
	return re
}
