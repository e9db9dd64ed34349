package org.serialregistry.serial.internal;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.serialregistry.serial.ProductCategory;
import org.serialregistry.serial.ProductView;
import org.serialregistry.serial.RiskClass;
import org.serialregistry.shared.CountryCode;
import org.serialregistry.shared.Gtin;

@Entity
@Table(name = "product")
public class Product {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false)
    private String gtin;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ProductCategory category;

    @Enumerated(EnumType.STRING)
    @Column(name = "risk_class", nullable = false)
    private RiskClass riskClass;

    @Column(name = "udi_di")
    private String udiDeviceIdentifier;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "product_market", joinColumns = @JoinColumn(name = "product_id"))
    @Column(name = "country")
    private Set<String> markets = new TreeSet<>();

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Product() {
    }

    public Product(Gtin gtin, String name, ProductCategory category, RiskClass riskClass, Set<CountryCode> markets,
                   String udiDeviceIdentifier, Instant createdAt) {
        this.gtin = gtin.value();
        this.name = name;
        this.category = category;
        this.riskClass = riskClass;
        this.markets = markets.stream().map(CountryCode::value).collect(Collectors.toCollection(TreeSet::new));
        this.udiDeviceIdentifier = udiDeviceIdentifier;
        this.createdAt = createdAt;
    }

    public ProductView toView() {
        return new ProductView(id, new Gtin(gtin), name, category, riskClass,
                markets.stream().map(CountryCode::new).collect(Collectors.toUnmodifiableSet()), udiDeviceIdentifier);
    }

    public Long getId() {
        return id;
    }

    public String getGtin() {
        return gtin;
    }
}
