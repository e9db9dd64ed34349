package org.serialregistry.serial.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.serialregistry.serial.FacilityView;
import org.serialregistry.shared.CountryCode;

@Entity
@Table(name = "facility")
public class Facility {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false)
    private String code;

    /** Encoded in every serial made here: never changes. */
    @Column(nullable = false, updatable = false)
    private int number;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String country;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @OneToMany(mappedBy = "facility", cascade = CascadeType.ALL, fetch = FetchType.EAGER)
    private List<ProductionLine> lines = new ArrayList<>();

    @Version
    private long version;

    protected Facility() {
    }

    public Facility(String code, int number, String name, CountryCode country, Instant createdAt) {
        this.code = code;
        this.number = number;
        this.name = name;
        this.country = country.value();
        this.createdAt = createdAt;
    }

    public ProductionLine addLine(String code, int number, String name) {
        var line = new ProductionLine(this, code, number, name);
        lines.add(line);
        return line;
    }

    public FacilityView toView() {
        return new FacilityView(id, code, number, name, new CountryCode(country), lines.stream()
                .sorted(Comparator.comparingInt(ProductionLine::getNumber))
                .map(ProductionLine::toView).toList());
    }

    public Long getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public int getNumber() {
        return number;
    }

    public List<ProductionLine> getLines() {
        return List.copyOf(lines);
    }
}
